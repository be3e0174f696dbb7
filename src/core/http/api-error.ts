import { ApiProperty } from '@nestjs/swagger';

/** The one error shape every route returns. */
export class ApiErrorBody {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({
    example: 'email must be an email',
    description: 'What went wrong, naming the field.',
  })
  message: string;

  @ApiProperty({ example: '5b2a3c1e-8f0d-4c7a-9d3e-2f1b6a7c8d9e' })
  requestId: string;
}
